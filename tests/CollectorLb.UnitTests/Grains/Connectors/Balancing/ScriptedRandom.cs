namespace CollectorLb.UnitTests.Grains.Connectors.Balancing;

/// <summary>A <see cref="Random"/> whose draws are given in advance, so a random policy's picks are known.</summary>
internal sealed class ScriptedRandom(params int[] draws) : Random
{
    private int _next;

    public override int Next(int maxValue)
    {
        var draw = draws[_next++ % draws.Length];
        Assert.InRange(draw, 0, maxValue - 1);
        return draw;
    }
}
