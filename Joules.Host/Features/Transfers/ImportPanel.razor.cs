using Joules.Core.Domain.Common;
using Joules.Core.Domain.Imports;
using Joules.Core.Transfers;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace Joules.Host.Features.Transfers;

/// <summary>Upload of a contract or meter reading CSV: the file is copied to the server first, then validated and
/// written with a progress bar; the result is the number of rows or every error.</summary>
public partial class ImportPanel
{
    /// <summary>Largest accepted upload.</summary>
    public const long MaxBytes = 200L * 1024 * 1024;

    [Inject] private TransferService Transfers { get; set; } = default!;
    [Inject] private TransferFolders Folders { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private ILogger<ImportPanel> Logger { get; set; } = default!;

    /// <summary>Called after a run was stored.</summary>
    [Parameter] public EventCallback OnFinished { get; set; }

    private TransferKind _kind = TransferKind.ContractImport;
    private bool _busy;
    private double _percent;
    private string _phaseText = "";
    private string _fileName = "";
    private TransferResult? _result;

    private async Task UploadAsync(IBrowserFile? file)
    {
        if (file is null || _busy) return;
        if (file.Size > MaxBytes)
        {
            Snackbar.Add(L["TooLarge", file.Name, MaxBytes / 1024 / 1024], Severity.Error);
            return;
        }
        _busy = true;
        _result = null;
        _fileName = file.Name;
        _percent = 0;
        _phaseText = L["Phase.Upload"];
        StateHasChanged();
        var temp = Path.Combine(Folders.Uploads, Guid.NewGuid().ToString("N") + ".csv");
        try
        {
            await using (var target = File.Create(temp))
            await using (var source = file.OpenReadStream(MaxBytes))
            {
                var buffer = new byte[256 * 1024];
                long copied = 0;
                int read;
                while ((read = await source.ReadAsync(buffer)) > 0)
                {
                    await target.WriteAsync(buffer.AsMemory(0, read));
                    copied += read;
                    Show(L["Phase.Upload"], file.Size == 0 ? 100 : 100.0 * copied / file.Size);
                }
            }
            var progress = new Progress<TransferProgress>(p => Show(
                p.Phase == TransferPhase.Reading ? L["Phase.Reading", p.Done] : p.Phase == TransferPhase.Writing ? L["Phase.Writing", p.Done, p.Total] : L["Phase.Done"],
                p.Fraction * 100));
            var kind = _kind;
            _result = await Task.Run(async () =>
            {
                await using var stream = File.OpenRead(temp);
                return await Transfers.ImportAsync(kind, stream, file.Name, progress);
            });
            await OnFinished.InvokeAsync();
        }
        catch (DomainException e)
        {
            Snackbar.Add(e.Message, Severity.Error);
        }
        catch (IOException e)
        {
            Logger.LogWarning(e, "Upload of {File} failed", file.Name);
            Snackbar.Add(L["UploadFailed", file.Name], Severity.Error);
        }
        finally
        {
            _busy = false;
            try { File.Delete(temp); } catch (IOException) { }
        }
    }

    private void Show(string text, double percent)
    {
        if (text == _phaseText && Math.Abs(percent - _percent) < 1) return;
        _phaseText = text;
        _percent = percent;
        _ = InvokeAsync(StateHasChanged);
    }
}
