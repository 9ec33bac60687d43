using Microsoft.AspNetCore.Components.Forms;

namespace Portal.Components.Shared;

/// <summary>
/// A text file chosen in an import dialog: refused by its announced size before a byte travels, then read with the same
/// limit enforced on the stream (the announced size comes from the browser and is not trusted).
/// </summary>
public static class UploadedText
{
    /// <summary>The sentence for a file over <paramref name="maxBytes"/>, or null when it may be read.</summary>
    public static string? TooLarge(IBrowserFile file, long maxBytes, string advice = "") => file.Size <= maxBytes
        ? null
        : $"\"{file.Name}\" is {file.Size / (1024.0 * 1024):0.#} MB; files up to {maxBytes / (1024.0 * 1024):0.#} MB can be imported.{advice}";

    public static async Task<string> ReadAsync(IBrowserFile file, long maxBytes, CancellationToken ct)
    {
        await using var stream = file.OpenReadStream(maxBytes, ct);
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync(ct);
    }

    /// <summary>What reading an upload may fail with, as <see cref="PortalComponent"/>'s RunAsync expects it: the browser went away or the stream broke its limit.</summary>
    public static bool Expected(Exception e) => e is Microsoft.JSInterop.JSException or InvalidOperationException or IOException;
}
