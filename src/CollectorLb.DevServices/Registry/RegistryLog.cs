using Microsoft.Extensions.Logging;

namespace CollectorLb.DevServices.Registry;

internal static partial class RegistryLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "registry: listening on {Url}")]
    public static partial void Listening(ILogger logger, string url);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "registry: {Method} {Path}{Detail} -> {StatusCode}")]
    public static partial void Request(ILogger logger, string method, string path, string detail, int statusCode);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "registry: dropped {Name} ({Url}): ping failed: {Reason}")]
    public static partial void Dropped(ILogger logger, string name, string url, string reason);

    [LoggerMessage(EventId = 4, Level = LogLevel.Error, Message = "registry: ping round failed")]
    public static partial void PingRoundFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 5, Level = LogLevel.Error, Message = "registry: {Method} {Path} failed")]
    public static partial void RequestFailed(ILogger logger, string method, string path, Exception exception);
}
