using System.Reflection;

namespace CollectorLb.Testing.Paths;

/// <summary>Where the repository, the built projects and the sample flow files are, seen from the build output of a test project or the benchmark.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>The silo built in the same configuration as the kit (make bench and make test build Release), unless another build is named.</summary>
    public static string SiloAssembly => SiloAssemblyOverride ?? BuildOutput("CollectorLb.Silo", "CollectorLb.Silo.dll");

    /// <summary>Another build of the silo to measure, e.g. a branch's, with the same scenarios.</summary>
    public static string? SiloAssemblyOverride { get; set; }

    public static string Sample(string name) => Path.Combine(AppContext.BaseDirectory, "Samples", name);

    /// <summary>The benchmark program (tests/CollectorLb.Benchmarks) as built with the solution, in the same configuration.</summary>
    public static string BenchmarkProgram => Path.Combine(Root, "tests", "CollectorLb.Benchmarks", "bin", Configuration, "net10.0", "CollectorLb.Benchmarks.dll");

    /// <summary>A file of a project under <c>src</c> as built in the same configuration as this program.</summary>
    public static string BuildOutput(string project, string file) => Path.Combine(Root, "src", project, "bin", Configuration, "net10.0", file);

    private static string Configuration =>
        typeof(RepositoryPaths).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CollectorLb.Orleans.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException($"No CollectorLb.Orleans.sln above {AppContext.BaseDirectory}");
    }
}
