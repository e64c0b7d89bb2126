using System.ComponentModel;
using System.Diagnostics;

namespace CollectorLb.DevServices.Connector;

/// <summary>Runs nfdump over a stored file the way the real connector converts it, discarding the CSV.</summary>
internal static class NfdumpConverter
{
    private const int MaxErrorChars = 500;

    /// <summary>Returns null when nfdump exits 0, otherwise why the conversion failed.</summary>
    public static async Task<string?> ConvertAsync(string nfdumpPath, string filePath, CancellationToken ct)
    {
        var startInfo = new ProcessStartInfo(nfdumpPath)
        {
            UseShellExecute = false,
            RedirectStandardInput = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        startInfo.ArgumentList.Add("-r");
        startInfo.ArgumentList.Add(filePath);
        startInfo.ArgumentList.Add("-q");
        startInfo.ArgumentList.Add("-o");
        startInfo.ArgumentList.Add("csv");

        using var process = new Process { StartInfo = startInfo };
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            return "cannot run " + nfdumpPath + ": " + ex.Message;
        }

        // Both pipes must be drained or nfdump blocks once a pipe buffer fills.
        var stdout = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null, CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            await process.WaitForExitAsync(ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }

            throw;
        }
        finally
        {
            await Task.WhenAll(stdout, stderr).ConfigureAwait(false);
        }

        if (process.ExitCode == 0)
        {
            return null;
        }

        var errorText = (await stderr.ConfigureAwait(false)).Trim();
        if (errorText.Length > MaxErrorChars)
        {
            errorText = errorText[..MaxErrorChars];
        }

        return "nfdump exited with code " + process.ExitCode.ToString(CultureInfo.InvariantCulture)
            + (errorText.Length > 0 ? ": " + errorText.ReplaceLineEndings(" ") : string.Empty);
    }
}
