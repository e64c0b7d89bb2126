using System.Diagnostics;

namespace CollectorLb.DevServices.Exporter;

/// <summary>
/// Synthetic NetFlow v5 exporter: sends UDP datagrams of up to 30 random but plausible flows to a collector
/// such as nfcapd, with a consistent uptime clock and a flow sequence that counts every record sent.
/// </summary>
public sealed class NetFlowV5Exporter : IDisposable
{
    private readonly IPEndPoint _target;
    private readonly int _flowsPerSecond;
    private readonly Random _random;
    private readonly Socket _socket;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly byte[] _packet = new byte[NetFlowV5Packet.MaxBytes];
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly uint _bootUptimeMs;
    private readonly byte _engineId;
    private long _flowsSent;
    private long _packetsSent;

    /// <summary>Creates an exporter for <paramref name="target"/>; <paramref name="flowsPerSecond"/> paces <see cref="RunAsync"/>.</summary>
    public NetFlowV5Exporter(IPEndPoint target, int flowsPerSecond, Random? random = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(flowsPerSecond, 0);
        _target = target;
        _flowsPerSecond = flowsPerSecond;
        _random = random ?? new Random();

        // A router that has been up between one hour and one day, so flow start times are not near zero.
        _bootUptimeMs = (uint)_random.Next(3_600_000, 86_400_000);
        _engineId = (byte)_random.Next(0, 256);

        // Not connected: a connected UDP socket would fail later sends after an ICMP port-unreachable
        // while the collector is not up yet.
        _socket = new Socket(target.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
    }

    /// <summary>Flow records sent so far.</summary>
    public long FlowsSent => Interlocked.Read(ref _flowsSent);

    /// <summary>Datagrams sent so far.</summary>
    public long PacketsSent => Interlocked.Read(ref _packetsSent);

    /// <summary>Sends flows at the configured rate until <paramref name="ct"/> is cancelled, then returns normally.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        long sent = 0;

        // Tick so that packets are mostly full, but at least every 10 ms and at most every second.
        var tick = TimeSpan.FromSeconds(Math.Clamp((double)NetFlowV5Packet.MaxRecords / _flowsPerSecond, 0.01, 1.0));
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var due = (long)(Stopwatch.GetElapsedTime(started).TotalSeconds * _flowsPerSecond);

                // After a long stall (suspended process) do not blast the backlog: the collector would drop it.
                if (due - sent > _flowsPerSecond)
                {
                    sent = due - _flowsPerSecond;
                }

                while (due - sent > 0)
                {
                    var count = (int)Math.Min(NetFlowV5Packet.MaxRecords, due - sent);
                    await SendPacketAsync(count, ct).ConfigureAwait(false);
                    sent += count;
                }

                await Task.Delay(tick, ct).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Asked to stop.
        }
    }

    /// <summary>Sends <paramref name="flows"/> flows as fast as possible in full datagrams; returns the number of datagrams sent.</summary>
    public async Task<int> SendBurstAsync(int flows, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(flows);
        var packets = 0;
        for (var remaining = flows; remaining > 0; remaining -= NetFlowV5Packet.MaxRecords)
        {
            await SendPacketAsync(Math.Min(NetFlowV5Packet.MaxRecords, remaining), ct).ConfigureAwait(false);
            packets++;
        }

        return packets;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _socket.Dispose();
        _sendLock.Dispose();
    }

    private async Task SendPacketAsync(int count, CancellationToken ct)
    {
        await _sendLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var now = DateTimeOffset.UtcNow;
            var unixMs = now.ToUnixTimeMilliseconds();
            var uptime = unchecked(_bootUptimeMs + (uint)_clock.ElapsedMilliseconds);
            var sequence = unchecked((uint)_flowsSent);
            NetFlowV5Packet.WriteHeader(
                _packet,
                count,
                uptime,
                (uint)(unixMs / 1000),
                (uint)(unixMs % 1000 * 1_000_000),
                sequence,
                engineType: 0,
                _engineId);
            for (var i = 0; i < count; i++)
            {
                var flow = SyntheticFlowFactory.Create(_random, uptime);
                NetFlowV5Packet.WriteRecord(_packet.AsSpan(NetFlowV5Packet.HeaderBytes + (i * NetFlowV5Packet.RecordBytes)), flow);
            }

            var length = NetFlowV5Packet.HeaderBytes + (count * NetFlowV5Packet.RecordBytes);
            await _socket.SendToAsync(_packet.AsMemory(0, length), SocketFlags.None, _target, ct).ConfigureAwait(false);
            Interlocked.Add(ref _flowsSent, count);
            Interlocked.Increment(ref _packetsSent);
        }
        finally
        {
            _sendLock.Release();
        }
    }
}
