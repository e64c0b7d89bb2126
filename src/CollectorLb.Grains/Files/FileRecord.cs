namespace CollectorLb.Grains.Files;

/// <summary>
/// A file's persisted state, written so it never runs ahead of storage. When a write fails, the stored record is read
/// back: if the write did apply (only its answer was lost) all is well; if not, the state in memory is the stored one
/// again and the failure goes to the caller; if storage cannot even be read, the record is <see cref="Lost"/> and
/// <paramref name="onLost"/> ends the activation, so the next one starts from what is stored. A stale ETag never wedges it.
/// </summary>
internal sealed class FileRecord(IPersistentState<FileState> storage, Action onLost)
{
    public FileState State => storage.State;

    /// <summary>Storage could not tell what it holds: nothing more may be written from this activation.</summary>
    public bool Lost { get; private set; }

    /// <summary>Changes the state and writes it; true when storage reported a failure although the write applied.</summary>
    public async Task<bool> WriteAsync(Action<FileState> change)
    {
        change(State);
        var revision = ++State.Revision;
        try
        {
            await storage.WriteStateAsync();
            return false;
        }
        catch (Exception writeError)
        {
            await ReadBackAsync(writeError);
            if (State.Revision != revision)
            {
                throw;
            }

            return true;
        }
    }

    /// <summary>Clears the record; when storage reports a failure, reads it back to learn whether it is gone.</summary>
    public async Task ClearAsync()
    {
        try
        {
            await storage.ClearStateAsync();
        }
        catch (Exception clearError)
        {
            await ReadBackAsync(clearError);
            if (State.Status != Abstractions.Files.FileStatus.Unknown)
            {
                throw; // still stored: the retry clears again
            }
        }
    }

    private async Task ReadBackAsync(Exception writeError)
    {
        try
        {
            await storage.ReadStateAsync();
        }
        catch (Exception readError)
        {
            Lost = true;
            onLost();
            throw new AggregateException(writeError, readError);
        }
    }
}
