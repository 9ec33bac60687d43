namespace Portal.Security;

/// <summary>
/// ASP.NET Core refuses a form whose values decode to NUL (<c>%00</c>) before any page sees it: the antiforgery
/// check cannot read the form, and the sign-in would end in a bare 400 with no audit row. On the sign-in
/// post alone, a NUL is turned into U+FFFD first, so such a name takes the ordinary path: a failed sign-in,
/// audited, and no database query (<see cref="SignInNames.CouldExist"/>).
/// </summary>
public static class SignInForm
{
    public const string Path = "/account/login";

    // Far above any real sign-in form; a larger body is left to the framework's own limits.
    private const int MaximumBody = 1024 * 1024;

    private static readonly byte[] EncodedNul = "%00"u8.ToArray();
    private static readonly byte[] EncodedReplacement = "%EF%BF%BD"u8.ToArray();

    public static IApplicationBuilder UseSignInFormWithoutNul(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        if (HttpMethods.IsPost(request.Method) && request.Path.Equals(Path, StringComparison.OrdinalIgnoreCase)
            && request.HasFormContentType && request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true
            && request.ContentLength is > 0 and <= MaximumBody)
        {
            using var buffer = new MemoryStream((int)request.ContentLength.Value);
            await request.Body.CopyToAsync(buffer, context.RequestAborted);
            var body = WithoutNul(buffer.ToArray());
            request.Body = new MemoryStream(body);
            request.ContentLength = body.Length;
        }

        await next(context);
    });

    /// <summary>The url-encoded body with every <c>%00</c> (and raw NUL byte) replaced by U+FFFD, encoded.</summary>
    internal static byte[] WithoutNul(byte[] body)
    {
        if (body.AsSpan().IndexOf(EncodedNul) < 0 && !body.Contains((byte)0))
        {
            return body;
        }

        var output = new List<byte>(body.Length + 16);
        for (var i = 0; i < body.Length; i++)
        {
            if (body[i] == 0)
            {
                output.AddRange(EncodedReplacement);
            }
            else if (body.AsSpan(i).StartsWith(EncodedNul))
            {
                output.AddRange(EncodedReplacement);
                i += EncodedNul.Length - 1;
            }
            else
            {
                output.Add(body[i]);
            }
        }

        return [.. output];
    }
}
