using CollectorLb.Abstractions.Connectors;
using CollectorLb.Grains.Connectors.Health;
using CollectorLb.Grains.Connectors.Model;

namespace CollectorLb.Grains.Connectors;

/// <summary>
/// What an upload's outcome teaches about its connector: its counters, its latency (acknowledged uploads only; failures
/// are health's business), whom a failure is blamed on, and its health (ejection, readmission). The pool and a silo's
/// local view record outcomes with it, so both judge connectors and files alike.
/// </summary>
internal static class ConnectorOutcomes
{
    /// <summary>Records a used lease's outcome (an unused one says nothing and is not recorded).</summary>
    public static OutcomeEffect Record(ConnectorState connector, string fileKey, LeaseOutcome outcome, PassiveHealthPolicy health, DateTimeOffset now)
    {
        var scope = FailureScope.Downstream;
        if (outcome.Acknowledged)
        {
            connector.Successes++;
            connector.Latency.Record(outcome.Bytes, outcome.Duration);
            connector.FirstFileFailedSinceSuccess = null;
            connector.FailingSeveralFiles = false;
        }
        else
        {
            connector.Failures++;
            connector.LastError = outcome.Error;
            connector.LastFailureAnswered = outcome.StatusCode is not null && !outcome.Unavailable;
            scope = Blame(connector, fileKey, outcome);
        }

        var wasEjected = connector.EjectedUntil is not null;
        var ejected = health.OnOutcome(connector, outcome.Acknowledged, now);
        return new OutcomeEffect(scope, ejected, Readmitted: !ejected && wasEjected && outcome.Acknowledged);
    }

    /// <summary>
    /// A failure is the file's own only when the connector was reachable and answered, and no other file has failed
    /// on it since it last succeeded: it takes other files, or this file is all it has seen fail.
    /// </summary>
    private static FailureScope Blame(ConnectorState connector, string fileKey, LeaseOutcome outcome)
    {
        if (outcome.Unavailable)
        {
            return FailureScope.Downstream;
        }

        if (connector.FirstFileFailedSinceSuccess is null)
        {
            connector.FirstFileFailedSinceSuccess = fileKey;
        }
        else if (!string.Equals(connector.FirstFileFailedSinceSuccess, fileKey, StringComparison.Ordinal))
        {
            connector.FailingSeveralFiles = true;
        }

        return connector.FailingSeveralFiles ? FailureScope.Downstream : FailureScope.ThisFile;
    }
}
