using CollectorLb.Abstractions.Files;

namespace CollectorLb.Grains.Observability;

/// <summary>The default when the host keeps no statistics.</summary>
internal sealed class NoFileTransitionObserver : IFileTransitionObserver
{
    public void OnTransition(FileSnapshot snapshot, FileStatus previous)
    {
    }
}
