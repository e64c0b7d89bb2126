namespace CollectorLb.DevServices.Exporter;

/// <summary>Makes plausible flows: clients in private ranges talking to public servers on common ports, both directions.</summary>
internal static class SyntheticFlowFactory
{
    private static readonly byte[] PublicFirstOctets = [8, 23, 31, 34, 45, 52, 66, 77, 93, 104, 142, 151, 185, 193, 203, 212];

    private static readonly (ushort Port, byte Protocol)[] Services =
    [
        (443, 6), (443, 6), (443, 6), (80, 6), (80, 6), (53, 17), (53, 17), (123, 17),
        (22, 6), (25, 6), (993, 6), (3306, 6), (8080, 6), (443, 17), (5060, 17), (1194, 17),
    ];

    /// <summary>Makes one flow that ended at or before <paramref name="uptimeMs"/>.</summary>
    public static NetFlowV5Record Create(Random random, uint uptimeMs)
    {
        var client = PrivateAddress(random);
        var server = PublicAddress(random);
        var (servicePort, protocol) = Services[random.Next(Services.Length)];
        var clientPort = (ushort)random.Next(32768, 61000);

        // Heavy-tailed sizes: most flows are a few packets, a few are large.
        var spread = random.NextDouble();
        var packets = (uint)Math.Max(1, (int)Math.Pow(2, spread * spread * 14));
        var averagePacket = random.Next(40, 1501);
        var octets = (uint)Math.Min(uint.MaxValue, (long)packets * averagePacket);

        var age = (uint)random.Next(0, (int)Math.Min(uptimeMs, 120_000u) + 1);
        var first = uptimeMs - age;
        var last = first + (uint)random.Next(0, (int)age + 1);
        byte tcpFlags = protocol == 6 ? (random.Next(10) == 0 ? (byte)0x02 : (byte)0x1b) : (byte)0;

        var outbound = random.Next(2) == 0;
        return new NetFlowV5Record(
            SrcAddr: outbound ? client : server,
            DstAddr: outbound ? server : client,
            NextHop: 0x0A000001, // 10.0.0.1
            InputIf: (ushort)(outbound ? 1 : 2),
            OutputIf: (ushort)(outbound ? 2 : 1),
            Packets: packets,
            Octets: octets,
            FirstMs: first,
            LastMs: last,
            SrcPort: outbound ? clientPort : servicePort,
            DstPort: outbound ? servicePort : clientPort,
            TcpFlags: tcpFlags,
            Protocol: protocol,
            Tos: 0,
            SrcAs: 0,
            DstAs: 0,
            SrcMask: (byte)(outbound ? 24 : 16),
            DstMask: (byte)(outbound ? 16 : 24));
    }

    private static uint PrivateAddress(Random random) => random.Next(3) switch
    {
        0 => Address(10, (byte)random.Next(0, 256), (byte)random.Next(0, 256), (byte)random.Next(1, 255)),
        1 => Address(172, (byte)random.Next(16, 32), (byte)random.Next(0, 256), (byte)random.Next(1, 255)),
        _ => Address(192, 168, (byte)random.Next(0, 256), (byte)random.Next(1, 255)),
    };

    private static uint PublicAddress(Random random) =>
        Address(PublicFirstOctets[random.Next(PublicFirstOctets.Length)], (byte)random.Next(0, 256), (byte)random.Next(0, 256), (byte)random.Next(1, 255));

    private static uint Address(byte a, byte b, byte c, byte d) => ((uint)a << 24) | ((uint)b << 16) | ((uint)c << 8) | d;
}
