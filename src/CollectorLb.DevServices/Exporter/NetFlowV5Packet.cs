using System.Buffers.Binary;

namespace CollectorLb.DevServices.Exporter;

/// <summary>Layout of a NetFlow v5 export datagram (all fields big-endian).</summary>
internal static class NetFlowV5Packet
{
    public const ushort Version = 5;
    public const int HeaderBytes = 24;
    public const int RecordBytes = 48;
    public const int MaxRecords = 30;
    public const int MaxBytes = HeaderBytes + (MaxRecords * RecordBytes);

    public static void WriteHeader(
        Span<byte> packet, int count, uint sysUptimeMs, uint unixSecs, uint unixNsecs, uint flowSequence, byte engineType, byte engineId)
    {
        BinaryPrimitives.WriteUInt16BigEndian(packet, Version);
        BinaryPrimitives.WriteUInt16BigEndian(packet[2..], (ushort)count);
        BinaryPrimitives.WriteUInt32BigEndian(packet[4..], sysUptimeMs);
        BinaryPrimitives.WriteUInt32BigEndian(packet[8..], unixSecs);
        BinaryPrimitives.WriteUInt32BigEndian(packet[12..], unixNsecs);
        BinaryPrimitives.WriteUInt32BigEndian(packet[16..], flowSequence);
        packet[20] = engineType;
        packet[21] = engineId;
        BinaryPrimitives.WriteUInt16BigEndian(packet[22..], 0); // sampling: none
    }

    public static void WriteRecord(Span<byte> record, in NetFlowV5Record flow)
    {
        BinaryPrimitives.WriteUInt32BigEndian(record, flow.SrcAddr);
        BinaryPrimitives.WriteUInt32BigEndian(record[4..], flow.DstAddr);
        BinaryPrimitives.WriteUInt32BigEndian(record[8..], flow.NextHop);
        BinaryPrimitives.WriteUInt16BigEndian(record[12..], flow.InputIf);
        BinaryPrimitives.WriteUInt16BigEndian(record[14..], flow.OutputIf);
        BinaryPrimitives.WriteUInt32BigEndian(record[16..], flow.Packets);
        BinaryPrimitives.WriteUInt32BigEndian(record[20..], flow.Octets);
        BinaryPrimitives.WriteUInt32BigEndian(record[24..], flow.FirstMs);
        BinaryPrimitives.WriteUInt32BigEndian(record[28..], flow.LastMs);
        BinaryPrimitives.WriteUInt16BigEndian(record[32..], flow.SrcPort);
        BinaryPrimitives.WriteUInt16BigEndian(record[34..], flow.DstPort);
        record[36] = 0;
        record[37] = flow.TcpFlags;
        record[38] = flow.Protocol;
        record[39] = flow.Tos;
        BinaryPrimitives.WriteUInt16BigEndian(record[40..], flow.SrcAs);
        BinaryPrimitives.WriteUInt16BigEndian(record[42..], flow.DstAs);
        record[44] = flow.SrcMask;
        record[45] = flow.DstMask;
        BinaryPrimitives.WriteUInt16BigEndian(record[46..], 0);
    }
}
