using CollectorLb.Abstractions.Connectors;

namespace CollectorLb.Grains.Connectors.Model;

/// <summary>What the pool (or a silo's local view) knows about one connector at run time; never persisted.</summary>
/// <param name="time">The clock its latency estimate decays by: the pool's own, so tests control it.</param>
internal sealed class ConnectorState(string name, string baseUrl, TimeProvider time)
{
    public string Name { get; } = name;

    public string BaseUrl { get; set; } = baseUrl;

    public int InFlight { get; set; }

    public long InFlightBytes { get; set; }

    public long Successes { get; set; }

    public long Failures { get; set; }

    public int ConsecutiveFailures { get; set; }

    public string? LastError { get; set; }

    /// <summary>The peak-EWMA latency estimate the p2c-ewma policy weighs load with; fed by acknowledged uploads.</summary>
    public ConnectorLatency Latency { get; } = new(time);

    public DateTimeOffset? EjectedUntil { get; set; }

    /// <summary>Its last failure was an answer (an error, a 500): it was reachable, so a pong proves nothing.</summary>
    public bool LastFailureAnswered { get; set; }

    /// <summary>Ejections since the connector last succeeded; each one lasts longer.</summary>
    public int Ejections { get; set; }

    /// <summary>The first file that failed on the connector since its last success, if any.</summary>
    public string? FirstFileFailedSinceSuccess { get; set; }

    /// <summary>More than one file failed on the connector since its last success: it is failing, not one file.</summary>
    public bool FailingSeveralFiles { get; set; }

    /// <summary>Ejected, its cool-down over and no upload running: it may take one file as its trial.</summary>
    public bool IsTrialReady(DateTimeOffset now) => EjectedUntil <= now && InFlight == 0;

    public ConnectorSnapshot ToSnapshot() => new()
    {
        Name = Name,
        BaseUrl = BaseUrl,
        InFlight = InFlight,
        InFlightBytes = InFlightBytes,
        Successes = Successes,
        Failures = Failures,
        ConsecutiveFailures = ConsecutiveFailures,
        LastError = LastError,
        SecondsPerMegabyte = Latency.SecondsPerMegabyteAtLastAnswer,
        EjectedUntil = EjectedUntil,
    };
}
