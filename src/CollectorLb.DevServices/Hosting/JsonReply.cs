using System.Buffers;
using System.Text.Encodings.Web;

namespace CollectorLb.DevServices.Hosting;

/// <summary>Writes the compact JSON answers of the pipeline protocol, e.g. <c>{"result":"success"}</c>.</summary>
internal static class JsonReply
{
    // Relaxed escaping: answers are not embedded in HTML, and names should read as sent.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Task SuccessAsync(HttpContext context) =>
        WriteAsync(context, StatusCodes.Status200OK, w => w.WriteString("result", "success"));

    public static Task ErrorAsync(HttpContext context, int statusCode, string message) =>
        WriteAsync(context, statusCode, w =>
        {
            w.WriteString("result", "error");
            w.WriteString("message", message);
        });

    /// <summary>Writes one JSON object whose properties <paramref name="writeProperties"/> fills in.</summary>
    public static Task WriteAsync(HttpContext context, int statusCode, Action<Utf8JsonWriter> writeProperties)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writeProperties(writer);
            writer.WriteEndObject();
        }

        return WriteBytesAsync(context, statusCode, "application/json", buffer.WrittenMemory);
    }

    public static Task TextAsync(HttpContext context, int statusCode, string contentType, string body) =>
        WriteBytesAsync(context, statusCode, contentType, System.Text.Encoding.UTF8.GetBytes(body));

    private static async Task WriteBytesAsync(HttpContext context, int statusCode, string contentType, ReadOnlyMemory<byte> body)
    {
        var response = context.Response;
        response.StatusCode = statusCode;
        response.ContentType = contentType;
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    }
}
