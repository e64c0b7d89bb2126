using CollectorLb.Grains.Connectors.Model;
using CollectorLb.Grains.Options;

namespace CollectorLb.Grains.Connectors.Health;

/// <summary>
/// Computes and applies a connector's health from upload outcomes: consecutive failures eject it for a
/// cool-down that doubles on each repeat; a success (the trial upload after a cool-down, say) readmits it.
/// </summary>
internal sealed class PassiveHealthPolicy(ConnectorPoolOptions options)
{
    /// <summary>Records an outcome; true when it ejected the connector.</summary>
    public bool OnOutcome(ConnectorState connector, bool succeeded, DateTimeOffset now)
    {
        if (succeeded)
        {
            connector.ConsecutiveFailures = 0;
            connector.Ejections = 0;
            connector.EjectedUntil = null;
            return false;
        }

        connector.ConsecutiveFailures++;
        var onTrial = connector.EjectedUntil is not null;
        if (!onTrial && connector.ConsecutiveFailures < options.FailuresBeforeEjection)
        {
            return false;
        }

        var seconds = Math.Min(options.MaxEjectionSeconds, options.EjectionSeconds * Math.Pow(2, Math.Min(connector.Ejections, 30)));
        connector.Ejections++;
        connector.EjectedUntil = now + TimeSpan.FromSeconds(seconds);
        return true;
    }
}
