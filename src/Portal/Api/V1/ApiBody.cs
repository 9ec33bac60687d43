using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Portal.Api.V1;

/// <summary>
/// Reads request bodies by hand, after the token scheme has vouched for the caller and within a size limit.
/// Minimal API body binding would answer bad JSON with an empty 400; here it gets a
/// problem with the line and position of the mistake.
/// </summary>
public static class ApiBody
{
    public const long JsonLimit = 1024 * 1024;

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        // A misspelt field ("keepFiringFor") would otherwise vanish silently and lose the user's input.
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        AllowDuplicateProperties = false,
    };

    public sealed record Read<T>(T? Value, IResult? Problem);

    /// <summary>The bytes of the body, or 413 as soon as more than <paramref name="limit"/> bytes are sent or announced.</summary>
    public static async Task<Read<byte[]>> BytesAsync(HttpRequest request, long limit, CancellationToken ct)
    {
        if (request.ContentLength > limit)
        {
            return new(null, ApiProblems.TooLarge(limit));
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int count;
        while ((count = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + count > limit)
            {
                return new(null, ApiProblems.TooLarge(limit));
            }

            buffer.Write(chunk, 0, count);
        }

        return new(buffer.ToArray(), null);
    }

    public static async Task<Read<T>> JsonAsync<T>(HttpRequest request, long limit, CancellationToken ct)
        where T : class
    {
        if (request.ContentType is { Length: > 0 } type && !IsJson(type))
        {
            return new(null, ApiProblems.UnsupportedMediaType(type, "application/json"));
        }

        var body = await BytesAsync(request, limit, ct);
        if (body.Problem is not null)
        {
            return new(null, body.Problem);
        }

        return Parse<T>(body.Value!);
    }

    public static Read<T> Parse<T>(byte[] body)
        where T : class
    {
        if (body.Length == 0)
        {
            return new(null, ApiProblems.BadRequest("The request has no body; send a JSON object."));
        }

        try
        {
            return JsonSerializer.Deserialize<T>(body, Json) is { } value
                ? new(value, null)
                : new(null, ApiProblems.BadRequest("The body is JSON null; send a JSON object."));
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" (line {line + 1}, byte {e.BytePositionInLine + 1})" : "";
            return new(null, ApiProblems.BadRequest($"The body is not the JSON this endpoint expects{where}: {Reason(e)}", "Malformed JSON"));
        }
    }

    /// <summary>Text as UTF-8, refusing bytes that are not, instead of importing replacement characters.</summary>
    public static string? Utf8(byte[] body)
    {
        try
        {
            var text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(body);
            return text.TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    public static bool IsJson(string contentType)
    {
        var media = MediaType(contentType);
        return media == "application/json" || media.EndsWith("+json", StringComparison.Ordinal);
    }

    public static string MediaType(string contentType) => contentType.Split(';')[0].Trim().ToLowerInvariant();

    // System.Text.Json's messages name .NET types and JSON paths; the first sentence is the useful part, unless it names
    // the .NET type a value could not be turned into: then the field's name says it to a client ("at", not TimelineRequest).
    internal static string Reason(JsonException e)
    {
        var first = e.Message.Split(" Path: ")[0].Split(" | LineNumber")[0].Trim();
        var field = e.Path is { Length: > 1 } path ? path.TrimStart('$').TrimStart('.') : "";
        if (field.Length == 0 || !first.Contains("could not be converted", StringComparison.Ordinal))
        {
            return first;
        }

        // A time that does not parse is the likeliest case; the serializer says so by the format error inside.
        var hint = e.InnerException is FormatException ? " (times are ISO 8601, like 2026-12-05T14:05:00Z)" : "";
        return $"the value of \"{field}\" is not of the kind that field takes{hint}";
    }
}
