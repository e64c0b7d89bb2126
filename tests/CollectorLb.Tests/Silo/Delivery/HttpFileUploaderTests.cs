using System.Net;
using System.Text;
using CollectorLb.Silo.Delivery;

namespace CollectorLb.Tests.Silo.Delivery;

public class HttpFileUploaderTests
{
    [Fact]
    public async Task Refusal_200WithResultSuccess_IsNull()
    {
        using var answer = await ReadAsync(HttpStatusCode.OK, """{"result":"success"}""");

        Assert.Null(HttpFileUploader.Refusal(answer));
    }

    [Theory]
    [InlineData(HttpStatusCode.OK, """{"result":"error","message":"disk full"}""", "without \"result\":\"success\"")]
    [InlineData(HttpStatusCode.OK, """ok""", "not JSON")]
    [InlineData(HttpStatusCode.OK, """["success"]""", "without")]
    [InlineData(HttpStatusCode.OK, "", "not JSON")]
    [InlineData(HttpStatusCode.BadRequest, """{"result":"error","message":"bad"}""", "HTTP 400")]
    [InlineData(HttpStatusCode.InternalServerError, """{"result":"success"}""", "HTTP 500")]
    [InlineData(HttpStatusCode.Found, "", "HTTP 302")]
    public async Task Refusal_AnythingElse_SaysWhyItIsNotAnAcknowledgement(HttpStatusCode status, string body, string reason)
    {
        using var answer = await ReadAsync(status, body);

        var refusal = HttpFileUploader.Refusal(answer);

        Assert.NotNull(refusal);
        Assert.Contains(reason, refusal);
    }

    private static Task<ConnectorAnswer> ReadAsync(HttpStatusCode status, string body) =>
        ConnectorAnswer.ReadAsync(new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") }, HttpFileUploader.MaxAnswerBytes, CancellationToken.None);
}
