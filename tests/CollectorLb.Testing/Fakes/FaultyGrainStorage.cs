using CollectorLb.Grains;
using Orleans.Storage;

namespace CollectorLb.Testing.Fakes;

/// <summary>
/// The file grains' storage (memory) with faults on demand: writes that fail without applying, and writes that apply
/// and then report a failure (the answer lost, so the writer's ETag goes stale). Clears count as writes.
/// </summary>
public sealed class FaultyGrainStorage : IGrainStorage
{
    private const string InnerName = "files-inner";
    private IGrainStorage? _inner;
    private int _failNext;
    private int _applyThenFailNext;
    private int _faults;

    /// <summary>Faults injected so far.</summary>
    public int Faults => Volatile.Read(ref _faults);

    /// <summary>Writes not yet failed of those asked for.</summary>
    public int Pending => Volatile.Read(ref _failNext) + Volatile.Read(ref _applyThenFailNext);

    /// <summary>Puts this storage in place of the silo's <see cref="StorageNames.Files"/> storage.</summary>
    public void InstallOn(ISiloBuilder silo)
    {
        silo.AddMemoryGrainStorage(InnerName);
        silo.Services.AddKeyedSingleton<IGrainStorage>(StorageNames.Files, (services, _) =>
        {
            _inner = services.GetRequiredKeyedService<IGrainStorage>(InnerName);
            return this;
        });
    }

    /// <summary>The next <paramref name="count"/> writes fail and change nothing.</summary>
    public void FailNextWrites(int count) => Interlocked.Add(ref _failNext, count);

    /// <summary>The next <paramref name="count"/> writes are stored, then reported as failed.</summary>
    public void ApplyThenFailNextWrites(int count) => Interlocked.Add(ref _applyThenFailNext, count);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => Inner.ReadStateAsync(stateName, grainId, grainState);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        WriteAsync(() => Inner.WriteStateAsync(stateName, grainId, grainState));

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        WriteAsync(() => Inner.ClearStateAsync(stateName, grainId, grainState));

    private IGrainStorage Inner => _inner ?? throw new InvalidOperationException("not installed");

    private async Task WriteAsync(Func<Task> write)
    {
        if (TryTake(ref _failNext))
        {
            Interlocked.Increment(ref _faults);
            throw new StorageFaultException("injected: the write failed");
        }

        await write();
        if (TryTake(ref _applyThenFailNext))
        {
            Interlocked.Increment(ref _faults);
            throw new StorageFaultException("injected: the write applied, its answer was lost");
        }
    }

    private static bool TryTake(ref int counter)
    {
        while (true)
        {
            var current = Volatile.Read(ref counter);
            if (current <= 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref counter, current - 1, current) == current)
            {
                return true;
            }
        }
    }

    private sealed class StorageFaultException(string message) : Exception(message);
}
