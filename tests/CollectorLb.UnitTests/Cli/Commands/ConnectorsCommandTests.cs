using CollectorLb.Abstractions.Connectors;
using CollectorLb.Cli.Commands;

namespace CollectorLb.UnitTests.Cli.Commands;

public sealed class ConnectorsCommandTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Write_RegistryLastAnswerFailed_ShowsTheErrorOnTheRegistryLine()
    {
        var output = new StringWriter();

        ConnectorsCommand.Write(output, Pool("registry answered HTTP 500"), Now);

        var registryLine = output.ToString().Split('\n')[0];
        Assert.StartsWith("registry: http://registry:8000 (p2c-ewma)", registryLine, StringComparison.Ordinal);
        Assert.EndsWith(" - registry answered HTTP 500", registryLine.TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public void Write_RegistryAnswering_ShowsNoError()
    {
        var output = new StringWriter();

        ConnectorsCommand.Write(output, Pool(error: null), Now);

        Assert.DoesNotContain(" - ", output.ToString().Split('\n')[0], StringComparison.Ordinal);
    }

    private static ConnectorPoolSnapshot Pool(string? error) => new()
    {
        Registry = "http://registry:8000",
        Policy = "p2c-ewma",
        RegistryAnsweredAt = Now.AddMinutes(-1),
        RegistryError = error,
    };
}
