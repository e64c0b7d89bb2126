namespace CollectorLb.Tests.TestSupport;

/// <summary>Files of the repository these tests were built from (found as the benchmark's rig finds them).</summary>
public static class RepositoryPaths
{
    public static string Root => CollectorLb.Benchmarks.Rig.RepositoryPaths.Root;

    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>A file of a project under <c>src</c> as built in the same configuration as these tests.</summary>
    public static string BuildOutput(string project, string file) => CollectorLb.Benchmarks.Rig.RepositoryPaths.BuildOutput(project, file);
}
