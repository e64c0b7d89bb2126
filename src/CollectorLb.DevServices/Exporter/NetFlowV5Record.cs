namespace CollectorLb.DevServices.Exporter;

/// <summary>One NetFlow v5 flow record; addresses are host-order IPv4 values.</summary>
internal readonly record struct NetFlowV5Record(
    uint SrcAddr,
    uint DstAddr,
    uint NextHop,
    ushort InputIf,
    ushort OutputIf,
    uint Packets,
    uint Octets,
    uint FirstMs,
    uint LastMs,
    ushort SrcPort,
    ushort DstPort,
    byte TcpFlags,
    byte Protocol,
    byte Tos,
    ushort SrcAs,
    ushort DstAs,
    byte SrcMask,
    byte DstMask);
