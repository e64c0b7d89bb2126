namespace CollectorLb.IntegrationTests.TestSupport;

/// <summary>
/// Tests that observe the whole test process (its memory; spans, which every silo in it reports to every listener) and
/// so must not share it with other tests running meanwhile.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneCollection
{
    public const string Name = "Runs alone";
}
