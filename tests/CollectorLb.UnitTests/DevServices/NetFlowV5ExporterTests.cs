using System.Buffers.Binary;
using System.Net.Sockets;
using CollectorLb.DevServices.Exporter;
using CollectorLb.Testing.Waiting;

namespace CollectorLb.UnitTests.DevServices;

public sealed class NetFlowV5ExporterTests : IDisposable
{
    private readonly UdpClient _collector = new(new IPEndPoint(IPAddress.Loopback, 0));

    private IPEndPoint CollectorEndPoint => (IPEndPoint)_collector.Client.LocalEndPoint!;

    public void Dispose() => _collector.Dispose();

    [Fact]
    public async Task SendBurstAsync_75Flows_SendsThreeWellFormedV5Packets()
    {
        using var exporter = new NetFlowV5Exporter(CollectorEndPoint, 1000, new Random(5));
        var before = (uint)DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        var packets = await exporter.SendBurstAsync(75, CancellationToken.None);
        var datagrams = await ReceiveAsync(3);

        Assert.Equal(3, packets);
        Assert.Equal(75, exporter.FlowsSent);
        Assert.Equal([30, 30, 15], datagrams.Select(d => (int)BinaryPrimitives.ReadUInt16BigEndian(d.AsSpan(2))));
        Assert.Equal([0u, 30u, 60u], datagrams.Select(d => BinaryPrimitives.ReadUInt32BigEndian(d.AsSpan(16))));
        foreach (var datagram in datagrams)
        {
            AssertWellFormed(datagram, before);
        }
    }

    [Fact]
    public async Task RunAsync_UntilCancelled_SendsContinuousSequenceAndReturns()
    {
        using var exporter = new NetFlowV5Exporter(CollectorEndPoint, 2000, new Random(6));
        using var stop = new CancellationTokenSource();

        var run = exporter.RunAsync(stop.Token);
        await Eventually.TrueAsync(() => exporter.FlowsSent >= 300, "300 flows sent");
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10));

        var datagrams = await ReceiveAsync((int)exporter.PacketsSent);
        uint expectedSequence = 0;
        foreach (var datagram in datagrams)
        {
            AssertWellFormed(datagram, notBefore: 0);
            Assert.Equal(expectedSequence, BinaryPrimitives.ReadUInt32BigEndian(datagram.AsSpan(16)));
            expectedSequence += BinaryPrimitives.ReadUInt16BigEndian(datagram.AsSpan(2));
        }

        Assert.Equal(exporter.FlowsSent, expectedSequence);
    }

    [Fact]
    public void Constructor_NonPositiveRate_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new NetFlowV5Exporter(CollectorEndPoint, 0));
    }

    private static void AssertWellFormed(byte[] datagram, uint notBefore)
    {
        var count = BinaryPrimitives.ReadUInt16BigEndian(datagram.AsSpan(2));
        Assert.Equal(5, BinaryPrimitives.ReadUInt16BigEndian(datagram));
        Assert.InRange(count, 1, 30);
        Assert.Equal(24 + (48 * count), datagram.Length);
        var uptime = BinaryPrimitives.ReadUInt32BigEndian(datagram.AsSpan(4));
        var unixSecs = BinaryPrimitives.ReadUInt32BigEndian(datagram.AsSpan(8));
        Assert.InRange(unixSecs, notBefore, (uint)DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        Assert.InRange(BinaryPrimitives.ReadUInt32BigEndian(datagram.AsSpan(12)), 0u, 999_999_999u);

        for (var i = 0; i < count; i++)
        {
            var record = datagram.AsSpan(24 + (48 * i), 48);
            var src = BinaryPrimitives.ReadUInt32BigEndian(record);
            var dst = BinaryPrimitives.ReadUInt32BigEndian(record[4..]);
            var packets = BinaryPrimitives.ReadUInt32BigEndian(record[16..]);
            var octets = BinaryPrimitives.ReadUInt32BigEndian(record[20..]);
            var first = BinaryPrimitives.ReadUInt32BigEndian(record[24..]);
            var last = BinaryPrimitives.ReadUInt32BigEndian(record[28..]);
            var protocol = record[38];
            Assert.NotEqual(0u, src);
            Assert.NotEqual(0u, dst);
            Assert.NotEqual(src, dst);
            Assert.True(packets >= 1);
            Assert.True(octets >= packets * 40);
            Assert.True(first <= last && last <= uptime, $"first {first} last {last} uptime {uptime}");
            Assert.Contains(protocol, new byte[] { 6, 17 });
            Assert.NotEqual(0, BinaryPrimitives.ReadUInt16BigEndian(record[32..]));
            Assert.NotEqual(0, BinaryPrimitives.ReadUInt16BigEndian(record[34..]));
        }
    }

    private async Task<List<byte[]>> ReceiveAsync(int count)
    {
        var datagrams = new List<byte[]>();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (datagrams.Count < count)
        {
            var result = await _collector.ReceiveAsync(deadline.Token);
            datagrams.Add(result.Buffer);
        }

        return datagrams;
    }
}
