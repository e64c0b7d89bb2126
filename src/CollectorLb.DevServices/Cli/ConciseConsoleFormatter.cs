using Microsoft.Extensions.Logging.Console;

namespace CollectorLb.DevServices.Cli;

/// <summary>One line per event: time, level when not Information, message; the category is noise for a dev tool.</summary>
internal sealed class ConciseConsoleFormatter : ConsoleFormatter
{
    public const string FormatterName = "concise";

    public ConciseConsoleFormatter()
        : base(FormatterName)
    {
    }

    public override void Write<TState>(in LogEntry<TState> logEntry, Microsoft.Extensions.Logging.IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        if (message is null && logEntry.Exception is null)
        {
            return;
        }

        textWriter.Write(DateTimeOffset.Now.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture));
        textWriter.Write(' ');
        if (logEntry.LogLevel != LogLevel.Information)
        {
            textWriter.Write(logEntry.LogLevel switch
            {
                LogLevel.Warning => "WARN ",
                LogLevel.Error => "ERROR ",
                LogLevel.Critical => "CRIT ",
                LogLevel.Debug => "debug ",
                _ => "trace ",
            });
        }

        textWriter.Write(message);
        if (logEntry.Exception is not null)
        {
            textWriter.Write(": ");
            textWriter.Write(logEntry.Exception.ToString());
        }

        textWriter.WriteLine();
    }
}
