using System.Diagnostics;
using Microsoft.Extensions.Options;
using Portal.Domain.Publishing;

namespace Portal.Infrastructure.Publishing;

/// <summary>
/// Runs <c>promtool check rules</c> on candidate files in a temporary directory of their own, so a
/// file is judged by the same code Prometheus will load it with before it goes anywhere near a
/// rules directory.
/// </summary>
internal sealed class Promtool(IOptions<PublishingOptions> options)
{
    public async Task<IReadOnlyList<PromtoolError>> CheckAsync(IReadOnlyList<ReleaseFile> files, CancellationToken ct)
    {
        if (files.Count == 0)
        {
            return [];
        }

        var directory = Directory.CreateTempSubdirectory("portal-promtool-");
        try
        {
            foreach (var file in files)
            {
                await File.WriteAllTextAsync(Path.Combine(directory.FullName, file.FileName), file.Content, ct);
            }

            var start = new ProcessStartInfo(options.Value.Promtool)
            {
                WorkingDirectory = directory.FullName,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            start.ArgumentList.Add("check");
            start.ArgumentList.Add("rules");
            foreach (var file in files)
            {
                start.ArgumentList.Add(file.FileName);
            }

            using var process = Process.Start(start) ?? throw new PublishingException($"{options.Value.Promtool} did not start.");
            var stdout = process.StandardOutput.ReadToEndAsync(ct);
            var stderr = process.StandardError.ReadToEndAsync(ct);
            await process.WaitForExitAsync(ct);
            var errors = PromtoolReport.Parse(await stderr, files.Select(f => f.FileName));
            if (process.ExitCode != 0 && errors.Count == 0)
            {
                // Failed without naming a file: refuse everything rather than publish unchecked files.
                var text = ((await stdout) + (await stderr)).Trim();
                return files.Select(f => new PromtoolError(f.FileName, $"promtool failed (exit {process.ExitCode}): {text}", null, null, null, null, null)).ToList();
            }

            return errors;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new PublishingException($"promtool could not be run ({options.Value.Promtool}): {e.Message}. Set Publishing:Promtool to its path.", e);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
