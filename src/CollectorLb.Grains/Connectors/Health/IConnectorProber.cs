namespace CollectorLb.Grains.Connectors.Health;

/// <summary>Asks a connector <c>GET /ping</c>; true only for <c>{"result":"success","ping":"pong"}</c>.</summary>
public interface IConnectorProber
{
    Task<bool> PingAsync(string connectorBaseUrl, CancellationToken cancellationToken);
}
