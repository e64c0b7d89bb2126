namespace CollectorLb.DevServices.Hosting;

/// <summary>
/// Host lifetime that ignores Ctrl-C and SIGTERM: servers run in-process (tests) and their owner stops them,
/// so the default console lifetime must not hook the process signals of the test runner or of the CLI.
/// </summary>
internal sealed class NoopHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
