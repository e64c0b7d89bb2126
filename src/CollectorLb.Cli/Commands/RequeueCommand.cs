using System.CommandLine.Parsing;
using CollectorLb.Abstractions.ClusterView;
using CollectorLb.Abstractions.Quarantine;
using CollectorLb.Cli.Output;

namespace CollectorLb.Cli.Commands;

/// <summary>
/// <c>requeue &lt;file&gt;</c> releases one quarantined file for delivery with fresh attempts; <c>requeue --all</c>
/// releases every quarantined file the filter selects. The cluster does a bulk requeue in rounds, each a bounded
/// batch per host that ends well within a grain call's timeout; this command runs rounds until the walk is over.
/// </summary>
internal static class RequeueCommand
{
    public static Command Create(CliContext context)
    {
        var json = CliContext.Json();
        var file = new Argument<string?>("file")
        {
            Description = "The file's key (host/claim/name, as 'quarantine list' shows) or its name when only one quarantined file has it",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var all = new Option<bool>("--all") { Description = "Every quarantined file (of --host, with --reason), instead of one" };
        var host = CliContext.HostFilter();
        var reason = CliContext.ReasonFilter();
        var command = new Command("requeue", "Release quarantined files: they go back to the spool and are delivered again") { file, all, host, reason, json };
        command.Validators.Add(result => CheckUsage(result, file, all, host, reason));
        command.SetAction((parsed, cancellationToken) => parsed.GetValue(all)
            ? RequeueAllAsync(context, parsed, new RequeueFilter { HostId = parsed.GetValue(host), Reason = parsed.GetValue(reason) }, parsed.GetValue(json), cancellationToken)
            : context.RunAsync(parsed, cancellationToken, async session => Report(context, await session.View.Requeue(parsed.GetValue(file)!), parsed.GetValue(json))));
        return command;
    }

    private static void CheckUsage(CommandResult result, Argument<string?> file, Option<bool> all, Option<string?> host, Option<string?> reason)
    {
        var hasFile = result.GetValue(file) is not null;
        if (result.GetValue(all) == hasFile)
        {
            result.AddError("give either a file (key or name) or --all");
        }
        else if (hasFile && (result.GetValue(host) is not null || result.GetValue(reason) is not null))
        {
            result.AddError("--host and --reason select files for --all; a single file is named by its key");
        }
        else if (hasFile && OperatorInput.CheckKeyOrName(result.GetValue(file)) is { } problem)
        {
            result.AddError(problem);
        }
    }

    private static int Report(CliContext context, RequeueAnswer answer, bool json)
    {
        if (json)
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
            RequeueOutcome.Invalid => ExitCodes.Usage,
            _ => ExitCodes.Refused,
        };
    }

    private static Task<int> RequeueAllAsync(CliContext context, ParseResult parsed, RequeueFilter filter, bool json, CancellationToken cancellationToken) =>
        filter.Check() is { } problem
            ? context.UsageErrorAsync(problem)
            : context.RunAsync(parsed, cancellationToken, async session =>
            {
                var tally = new RequeueTally();
                var unreachable = new List<UnreachableHost>();
                string? continuation = null;
                do
                {
                    var round = await session.View.RequeueAll(new BulkRequeueRequest { Filter = filter, Continuation = continuation });
                    if (round.Refusal is not null)
                    {
                        await context.Error.WriteLineAsync("error: " + round.Refusal);
                        return ExitCodes.Usage;
                    }

                    tally = tally.Add(round.Tally);
                    unreachable.AddRange(round.Unreachable);
                    continuation = round.Continuation;
                    if (continuation is not null && !json)
                    {
                        await context.Error.WriteLineAsync($"... {tally.Requeued} requeued so far");
                    }
                }
                while (continuation is not null);

                var answer = new BulkRequeueAnswer { Tally = tally, Unreachable = unreachable };
                var code = context.Finish(json, answer, unreachable, () => WriteTally(context, tally));
                return code == ExitCodes.Ok && tally.Refused > 0 ? ExitCodes.Refused : code;
            });

    private static void WriteTally(CliContext context, RequeueTally tally)
    {
        context.Output.WriteLine($"{Formats.Count(tally.Requeued, "file")} requeued, {tally.Refused} refused"
            + (tally.Refused == 0 ? string.Empty : $" ({tally.FileMissing} with bytes missing, {tally.NotQuarantined} not quarantined, {tally.Failed} failed)"));
        foreach (var refused in tally.Examples)
        {
            context.Error.WriteLine("refused: " + refused.Message);
        }

        if (tally.Refused > tally.Examples.Count)
        {
            context.Error.WriteLine($"refused: ... and {tally.Refused - tally.Examples.Count} more");
        }
    }
}
