using CollectorLb.Grains.Files;
using CollectorLb.Grains.Options;

namespace CollectorLb.UnitTests.Grains.Files;

public class RetryBackoffTests
{
    private static readonly DeliveryOptions Options = new() { RetryBaseDelaySeconds = 1, RetryMaxDelaySeconds = 30 };

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(5, 16)]
    [InlineData(6, 30)]
    [InlineData(40, 30)]
    public void Delay_AfterFailures_DoublesUpToTheCapWithin20PercentJitter(int failures, double expectedSeconds)
    {
        var random = new Random(7);
        for (var i = 0; i < 100; i++)
        {
            var delay = RetryBackoff.Delay(failures, Options, random).TotalSeconds;
            Assert.InRange(delay, expectedSeconds * 0.8, expectedSeconds * 1.2);
        }
    }
}
