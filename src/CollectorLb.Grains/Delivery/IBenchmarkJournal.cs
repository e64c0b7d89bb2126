namespace CollectorLb.Grains.Delivery;

/// <summary>
/// The pipeline's benchmark file (<c>BENCHMARK_MODE=true</c>): one <c>&lt;path&gt; detect|send &lt;unix seconds&gt;</c>
/// line per event, joined with the other components' files by name. Does nothing when the mode is off.
/// </summary>
public interface IBenchmarkJournal
{
    void FileDetected(string fileName, DateTimeOffset at);

    void FileSent(string fileName, DateTimeOffset at);
}
