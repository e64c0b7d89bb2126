using CollectorLb.Abstractions.Files;

namespace CollectorLb.Grains.Observability;

/// <summary>
/// Told of every persisted state change of a file on this silo (statistics, the recent-files list).
/// Called inside the grain's turn: implementations must be cheap and must not throw.
/// </summary>
public interface IFileTransitionObserver
{
    void OnTransition(FileSnapshot snapshot, FileStatus previous);
}
