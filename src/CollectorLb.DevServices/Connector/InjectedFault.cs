namespace CollectorLb.DevServices.Connector;

/// <summary>The ways a request fails on purpose: picked by <see cref="ConnectorServerOptions.FailureRate"/>, or always under
/// <see cref="ConnectorMode.Error"/> (<see cref="Http400"/>) and <see cref="ConnectorMode.Fail500"/> (<see cref="Http500"/>).</summary>
internal enum InjectedFault
{
    Http500,
    Http400,
    ConnectionReset,
    HangThenReset,
}
