using CollectorLb.Grains.Connectors.Health;
using CollectorLb.Grains.Connectors.Model;
using CollectorLb.Grains.Options;

namespace CollectorLb.UnitTests.Grains.Connectors.Health;

public class PassiveHealthPolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 4, 40, 0, TimeSpan.Zero);
    private readonly PassiveHealthPolicy _policy = new(new ConnectorPoolOptions { FailuresBeforeEjection = 3, EjectionSeconds = 5, MaxEjectionSeconds = 30 });

    [Fact]
    public void OnOutcome_FailuresBelowThreshold_KeepTheConnector()
    {
        var connector = new ConnectorState("a", "http://a", TimeProvider.System);

        Assert.False(_policy.OnOutcome(connector, false, Now));
        Assert.False(_policy.OnOutcome(connector, false, Now));

        Assert.Null(connector.EjectedUntil);
        Assert.Equal(2, connector.ConsecutiveFailures);
    }

    [Fact]
    public void OnOutcome_ConsecutiveFailuresReachThreshold_EjectsForTheCoolDown()
    {
        var connector = new ConnectorState("a", "http://a", TimeProvider.System);

        _policy.OnOutcome(connector, false, Now);
        _policy.OnOutcome(connector, false, Now);
        Assert.True(_policy.OnOutcome(connector, false, Now));

        Assert.Equal(Now.AddSeconds(5), connector.EjectedUntil);
    }

    [Fact]
    public void OnOutcome_TrialFailsRepeatedly_CoolDownDoublesUpToTheCap()
    {
        var connector = new ConnectorState("a", "http://a", TimeProvider.System) { ConsecutiveFailures = 2 };
        var coolDowns = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            Assert.True(_policy.OnOutcome(connector, false, Now));
            coolDowns.Add((connector.EjectedUntil!.Value - Now).TotalSeconds);
        }

        Assert.Equal([5, 10, 20, 30, 30], coolDowns);
    }

    [Fact]
    public void OnOutcome_SuccessAfterEjection_ReadmitsAndForgetsTheHistory()
    {
        var connector = new ConnectorState("a", "http://a", TimeProvider.System) { ConsecutiveFailures = 7, Ejections = 3, EjectedUntil = Now };

        Assert.False(_policy.OnOutcome(connector, true, Now));

        Assert.Null(connector.EjectedUntil);
        Assert.Equal(0, connector.ConsecutiveFailures);
        Assert.Equal(0, connector.Ejections);
    }
}
