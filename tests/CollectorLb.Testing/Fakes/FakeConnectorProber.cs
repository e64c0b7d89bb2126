using CollectorLb.Grains.Connectors.Health;

namespace CollectorLb.Testing.Fakes;

/// <summary>Connectors' pings the test scripts: no connector answers until told to; every ping is recorded by base URL.</summary>
public sealed class FakeConnectorProber : IConnectorProber
{
    private readonly ConcurrentDictionary<string, bool> _answers = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _pings = new();

    /// <summary>The base URL of each ping, in order.</summary>
    public IReadOnlyList<string> Pings => [.. _pings];

    /// <summary>Whether the connector at <paramref name="connectorBaseUrl"/> answers pong from now on.</summary>
    public void Answer(string connectorBaseUrl, bool pong) => _answers[connectorBaseUrl] = pong;

    public Task<bool> PingAsync(string connectorBaseUrl, CancellationToken cancellationToken)
    {
        _pings.Enqueue(connectorBaseUrl);
        return Task.FromResult(_answers.GetValueOrDefault(connectorBaseUrl));
    }
}
