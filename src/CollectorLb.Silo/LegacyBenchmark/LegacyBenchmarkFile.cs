using CollectorLb.Grains.Files;
using CollectorLb.Grains.Observability;
using CollectorLb.Grains.Spool;
using CollectorLb.Silo.Configuration;

namespace CollectorLb.Silo.LegacyBenchmark;

/// <summary>
/// The pipeline's legacy <c>benchmark.txt</c> (<c>BENCHMARK_MODE=true</c>): appends <c>netflows/&lt;name&gt; detect|send
/// &lt;unix seconds&gt;</c> lines exactly as the old load balancer did, joined with the other components' files by name:
/// the path is the file's original place relative to the working directory (not our spool). Nothing when the mode is off.
/// </summary>
internal sealed class LegacyBenchmarkFile : IFileTransitionObserver, IDisposable
{
    private readonly bool _enabled;
    private readonly string _flowDirectoryRelative;
    private readonly string _filePath;
    private readonly Lock _lock = new();
    private StreamWriter? _writer;

    public LegacyBenchmarkFile(IOptions<LegacyBenchmarkOptions> options, FileSpool spool)
    {
        _enabled = options.Value.Enabled;
        _filePath = Path.GetFullPath(options.Value.FilePath);
        _flowDirectoryRelative = Path.GetRelativePath(Environment.CurrentDirectory, spool.FlowDirectory);
    }

    public void OnTransition(FileTransition transition)
    {
        var file = transition.File;
        switch (transition.Event)
        {
            case FileEvent.Detected when transition.IsFirstDetection && file.Timeline.DetectedAt is { } detectedAt:
                Append(file.FileName, "detect", detectedAt);
                break;
            case FileEvent.Sent when file.Timeline.SentAt is { } sentAt:
                Append(file.FileName, "send", sentAt);
                break;
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _writer?.Dispose();
            _writer = null;
        }
    }

    private void Append(string fileName, string eventName, DateTimeOffset at)
    {
        if (!_enabled)
        {
            return;
        }

        var line = $"{Path.Combine(_flowDirectoryRelative, fileName)} {eventName} {at.ToUnixTimeSeconds()}\n";
        lock (_lock)
        {
            _writer ??= new StreamWriter(new FileStream(_filePath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
            _writer.Write(line);
        }
    }
}
