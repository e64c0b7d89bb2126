using System.Buffers.Binary;
using CollectorLb.Grains.Spool;
using CollectorLb.Grains.Validation;
using CollectorLb.Testing.Flows;

namespace CollectorLb.UnitTests.Grains.Validation;

public class FlowFileCheckTests
{
    [Theory]
    [InlineData(FlowFiles.LargeSample)]
    [InlineData(FlowFiles.SmallSample)]
    [InlineData(FlowFiles.EmptyIntervalSample)]
    [InlineData(FlowFiles.NoTrafficSample)]
    public void FindProblem_FilesNfcapdWrote_AreFine(string sample)
    {
        Assert.Null(FlowFileCheck.FindProblem(new FileOpener(), FlowFiles.SamplePath(sample)));
    }

    [Fact]
    public void FindProblem_ZeroBytes_IsEmpty()
    {
        Assert.Contains("empty", FlowFileCheck.FindProblem([], 0));
    }

    [Fact]
    public void FindProblem_WrongMagic_IsNotAnNfcapdFile()
    {
        var bytes = FlowFiles.Sample();
        bytes[0] = 0x50;

        Assert.Contains("magic", FlowFileCheck.FindProblem(bytes, bytes.Length));
    }

    [Fact]
    public void FindProblem_UnknownVersion_NamesIt()
    {
        var bytes = FlowFiles.Sample();
        bytes[2] = 3;

        Assert.Contains("version 3", FlowFileCheck.FindProblem(bytes, bytes.Length));
    }

    [Fact]
    public void FindProblem_TruncatedFile_IsTorn()
    {
        var bytes = FlowFiles.Sample();
        var truncated = bytes.Length / 2;

        Assert.Contains("torn", FlowFileCheck.FindProblem(bytes, truncated));
    }

    [Fact]
    public void FindProblem_AppendixOffsetInsideTheHeader_IsTorn()
    {
        var bytes = FlowFiles.Sample();
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(24), 0);

        Assert.Contains("torn", FlowFileCheck.FindProblem(bytes, bytes.Length));
    }

    [Fact]
    public void FindProblem_EncryptedOrUnknownCompression_IsRefused()
    {
        var encrypted = FlowFiles.Sample();
        encrypted[17] = 1;
        var compressed = FlowFiles.Sample();
        compressed[16] = 9;

        Assert.Contains("encrypted", FlowFileCheck.FindProblem(encrypted, encrypted.Length));
        Assert.Contains("compression 9", FlowFileCheck.FindProblem(compressed, compressed.Length));
    }

    [Fact]
    public void FindProblem_Nfdump16LayoutLongerThanItsHeader_IsFine()
    {
        var bytes = new byte[200];
        BinaryPrimitives.WriteUInt16LittleEndian(bytes, 0xA50C);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(2), 1);

        Assert.Null(FlowFileCheck.FindProblem(bytes, bytes.Length));
        Assert.Contains("torn", FlowFileCheck.FindProblem(bytes.AsSpan(0, 100), 100));
    }
}
