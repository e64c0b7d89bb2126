using CollectorLb.Benchmarks.Cli;

namespace CollectorLb.Benchmarks;

internal static class Program
{
    public static Task<int> Main(string[] args) => BenchCommand.Create().Parse(args).InvokeAsync();
}
