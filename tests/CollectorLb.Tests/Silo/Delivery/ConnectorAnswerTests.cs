using System.Net;
using System.Text;
using CollectorLb.Silo.Delivery;

namespace CollectorLb.Tests.Silo.Delivery;

public class ConnectorAnswerTests
{
    [Fact]
    public async Task ReadAsync_200WithResultSuccess_IsAnAcknowledgement()
    {
        Assert.Null(await ConnectorAnswer.ReadAsync(Response(HttpStatusCode.OK, """{"result":"success"}"""), CancellationToken.None));
    }

    [Theory]
    [InlineData(HttpStatusCode.OK, """{"result":"error","message":"disk full"}""", "without \"result\":\"success\"")]
    [InlineData(HttpStatusCode.OK, """ok""", "not JSON")]
    [InlineData(HttpStatusCode.OK, """["success"]""", "without")]
    [InlineData(HttpStatusCode.OK, "", "not JSON")]
    [InlineData(HttpStatusCode.BadRequest, """{"result":"error","message":"bad"}""", "HTTP 400")]
    [InlineData(HttpStatusCode.InternalServerError, """{"result":"success"}""", "HTTP 500")]
    [InlineData(HttpStatusCode.Found, "", "HTTP 302")]
    public async Task ReadAsync_AnythingElse_IsNotAnAcknowledgement(HttpStatusCode status, string body, string reason)
    {
        var verdict = await ConnectorAnswer.ReadAsync(Response(status, body), CancellationToken.None);

        Assert.NotNull(verdict);
        Assert.Contains(reason, verdict);
    }

    private static HttpResponseMessage Response(HttpStatusCode status, string body) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
}
