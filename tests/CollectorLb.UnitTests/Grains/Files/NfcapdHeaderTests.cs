using System.Buffers.Binary;
using CollectorLb.Grains.Files;
using CollectorLb.Grains.Spool;
using CollectorLb.Testing.Flows;

namespace CollectorLb.UnitTests.Grains.Files;

public class NfcapdHeaderTests
{
    [Theory]
    [InlineData(FlowFiles.LargeSample)]
    [InlineData(FlowFiles.SmallSample)]
    [InlineData(FlowFiles.EmptyIntervalSample)]
    [InlineData(FlowFiles.NoTrafficSample)]
    public void FindProblem_FilesNfcapdWrote_AreFine(string sample)
    {
        using var file = new FileOpener().OpenRead(FlowFiles.SamplePath(sample));
        Assert.Null(NfcapdHeader.FindProblem(file));
    }

    [Fact]
    public void FindProblem_ZeroBytes_IsEmpty()
    {
        Assert.Contains("empty", NfcapdHeader.FindProblem([], 0));
    }

    [Fact]
    public void FindProblem_WrongMagic_IsNotAnNfcapdFile()
    {
        var bytes = FlowFiles.Sample();
        bytes[0] = 0x50;

        Assert.Contains("magic", NfcapdHeader.FindProblem(bytes, bytes.Length));
    }

    [Fact]
    public void FindProblem_UnknownVersion_NamesIt()
    {
        var bytes = FlowFiles.Sample();
        bytes[2] = 3;

        Assert.Contains("version 3", NfcapdHeader.FindProblem(bytes, bytes.Length));
    }

    [Fact]
    public void FindProblem_TruncatedFile_IsTorn()
    {
        var bytes = FlowFiles.Sample();
        var truncated = bytes.Length / 2;

        Assert.Contains("torn", NfcapdHeader.FindProblem(bytes, truncated));
    }

    [Fact]
    public void FindProblem_AppendixOffsetInsideTheHeader_IsTorn()
    {
        var bytes = FlowFiles.Sample();
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(24), 0);

        Assert.Contains("torn", NfcapdHeader.FindProblem(bytes, bytes.Length));
    }

    [Fact]
    public void FindProblem_EncryptedOrUnknownCompression_IsRefused()
    {
        var encrypted = FlowFiles.Sample();
        encrypted[17] = 1;
        var compressed = FlowFiles.Sample();
        compressed[16] = 9;

        Assert.Contains("encrypted", NfcapdHeader.FindProblem(encrypted, encrypted.Length));
        Assert.Contains("compression 9", NfcapdHeader.FindProblem(compressed, compressed.Length));
    }

    [Fact]
    public void FindProblem_Nfdump16LayoutLongerThanItsHeader_IsFine()
    {
        var bytes = new byte[200];
        BinaryPrimitives.WriteUInt16LittleEndian(bytes, 0xA50C);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(2), 1);

        Assert.Null(NfcapdHeader.FindProblem(bytes, bytes.Length));
        Assert.Contains("torn", NfcapdHeader.FindProblem(bytes.AsSpan(0, 100), 100));
    }
}
