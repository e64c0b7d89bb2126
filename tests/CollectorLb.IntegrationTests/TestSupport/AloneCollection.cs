namespace CollectorLb.IntegrationTests.TestSupport;

/// <summary>Tests that measure the whole test process (memory) and so must not share it with other tests running meanwhile.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneCollection
{
    public const string Name = "Runs alone";
}
