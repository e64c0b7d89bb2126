using System.CommandLine;
using CollectorLb.Abstractions.Hosts;
using CollectorLb.Cli.Output;

namespace CollectorLb.Cli.Commands;

/// <summary><c>requeue &lt;file&gt;</c>: releases a quarantined file for delivery with fresh attempts.</summary>
internal static class RequeueCommand
{
    public static Command Create(CliContext context)
    {
        var json = CliContext.Json();
        var file = new Argument<string>("file") { Description = "The file's key (host/claim/name, as 'quarantine list' shows) or its name when only one quarantined file has it" };
        var command = new Command("requeue", "Release a quarantined file: it goes back to the spool and is delivered again") { file, json };
        command.SetAction((parsed, cancellationToken) => context.RunAsync(parsed, cancellationToken, async session =>
        {
            var answer = await session.View.Requeue(parsed.GetRequiredValue(file));
            if (parsed.GetValue(json))
            {
                JsonOutput.Write(context.Output, answer);
            }
            else
            {
                (answer.Succeeded ? context.Output : context.Error).WriteLine((answer.Succeeded ? string.Empty : "error: ") + answer.Message);
                foreach (var candidate in answer.Candidates)
                {
                    context.Error.WriteLine("  " + candidate);
                }
            }

            return answer.Outcome switch
            {
                RequeueOutcome.Requeued => ExitCodes.Ok,
                RequeueOutcome.HostUnreachable => ExitCodes.Unreachable,
                _ => ExitCodes.Refused,
            };
        }));
        return command;
    }
}
