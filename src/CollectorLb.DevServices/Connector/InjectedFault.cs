namespace CollectorLb.DevServices;

/// <summary>The ways a request picked by <see cref="ConnectorServerOptions.FailureRate"/> fails.</summary>
internal enum InjectedFault
{
    Http500,
    Http400,
    ConnectionReset,
    HangThenReset,
}
