using Joules.Core.Data;
using Joules.Core.Domain.Common;
using Joules.Core.Domain.Credit;
using Joules.Core.Domain.Customers;
using Joules.Core.Domain.SalesPartners;
using Joules.Core.Domain.Tariffs;
using Joules.Core.UseCases.Credit;
using Joules.Host.Features.Common;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace Joules.Host.Features.Credit.Rules;

/// <summary>Adds or edits one score range rule. While it is edited, the preview beside it shows what the whole rule set
/// with this draft would have decided for the brand's recent checks (recomputed ~300 ms after the last change).</summary>
public partial class ScoreRuleDialog : IDisposable
{
    /// <summary>Delay between the last change and the new preview.</summary>
    public static readonly TimeSpan PreviewDelay = TimeSpan.FromMilliseconds(300);

    [Inject] private IDbContextFactory<JoulesDbContext> DbFactory { get; set; } = null!;
    [Inject] private ISnackbar Snackbar { get; set; } = null!;
    [CascadingParameter] private IMudDialogInstance Dialog { get; set; } = null!;

    [Parameter, EditorRequired] public Guid BrandId { get; set; }

    /// <summary>The rule to edit; null adds one.</summary>
    [Parameter] public ScoreRuleDraft? Rule { get; set; }

    /// <summary>The brand's saved rules.</summary>
    [Parameter, EditorRequired] public IReadOnlyList<ScoreRuleDraft> Rules { get; set; } = [];

    /// <summary>The brand's recent checks, loaded once by the page.</summary>
    [Parameter, EditorRequired] public ScoreRulePreviewSample Sample { get; set; } = null!;

    private sealed class Input
    {
        public string Bureau { get; set; } = "";
        public string Product { get; set; } = "";
        public bool MatchesNegativeFeatures { get; set; }
        public decimal? Min { get; set; }
        public decimal? Max { get; set; }
        public int Commodity { get; set; } = -1;
        public int CustomerType { get; set; } = -1;
        public int Channel { get; set; } = -1;
        public CreditDecision Decision { get; set; }
    }

    private Input _input = new();
    private readonly FormErrors _errors = new();
    private ScoreRulePreview? _preview;
    private string? _draftError;
    private bool _saving, _pending;
    private CancellationTokenSource? _debounce;

    private ScoreScale? Scale => Bureaus.Find(_input.Bureau)?.Product(_input.Product)?.Scale;
    private string Format => "N" + (Scale?.Decimals ?? 0);
    private decimal Step => Scale is { Decimals: > 0 } s ? 1m / (decimal)Math.Pow(10, s.Decimals) : 1m;
    private string ScaleHelp => Scale is { } s ? L["ScaleHelp", CreditText.Score(s.Min, s), CreditText.Score(s.Max, s)] : "";

    private string BureauName(string? id) => Bureaus.Find(id ?? "")?.Name ?? id ?? "";
    private string ProductName(string? id) => Bureaus.Find(_input.Bureau)?.Product(id ?? "")?.Name ?? id ?? "";

    protected override void OnInitialized()
    {
        if (Rule is { } r)
        {
            _input = new Input
            {
                Bureau = r.Bureau, Product = r.Product, MatchesNegativeFeatures = r.MatchesNegativeFeatures, Min = r.Min, Max = r.Max,
                Commodity = r.Commodity is { } c ? (int)c : -1, CustomerType = r.CustomerType is { } t ? (int)t : -1,
                Channel = r.Channel is { } ch ? (int)ch : -1, Decision = r.Decision,
            };
        }
        else
        {
            // Start with the product most checks came from, over its whole scale.
            var (bureau, product) = Sample.Products.Count > 0 ? (Sample.Products[0].Bureau, Sample.Products[0].Product)
                : (Bureaus.Schufa.Id, Bureaus.Schufa.Products[^1].Id);
            _input = new Input { Bureau = bureau, Product = product, Decision = CreditDecision.AutoAccept };
            ResetRange();
        }
        UpdatePreview();
    }

    private void ResetRange()
    {
        _input.Min = Scale?.Min;
        _input.Max = Scale?.Max;
    }

    private void BureauChanged(string bureau)
    {
        _input.Bureau = bureau;
        _input.Product = Bureaus.Find(bureau)?.Products.FirstOrDefault()?.Id ?? "";
        ResetRange();
        Changed();
    }

    private void ProductChanged(string product)
    {
        _input.Product = product;
        ResetRange();
        Changed();
    }

    private ScoreRuleDraft Draft() => new(Rule?.Id, _input.Bureau, _input.Product, _input.Min, _input.Max, _input.MatchesNegativeFeatures,
        _input.Decision, _input.Commodity < 0 ? null : (Commodity)_input.Commodity,
        _input.CustomerType < 0 ? null : (CustomerType)_input.CustomerType, _input.Channel < 0 ? null : (SalesChannel)_input.Channel);

    /// <summary>Schedules a new preview; changes within <see cref="PreviewDelay"/> replace each other.</summary>
    private void Changed()
    {
        _debounce?.Cancel();
        _debounce?.Dispose();
        _debounce = new CancellationTokenSource();
        _pending = true;
        _ = PreviewLaterAsync(_debounce.Token);
    }

    private async Task PreviewLaterAsync(CancellationToken token)
    {
        try { await Task.Delay(PreviewDelay, token); }
        catch (OperationCanceledException) { return; }
        await InvokeAsync(() =>
        {
            if (token.IsCancellationRequested) return;
            UpdatePreview();
            StateHasChanged();
        });
    }

    private void UpdatePreview()
    {
        _pending = false;
        _errors.Clear();
        var draft = Draft();
        try { SaveScoreRangeRules.Validate(draft); }
        catch (DomainException ex)
        {
            _errors.Add(ex);
            _draftError = ex.Message;
            _preview ??= PreviewScoreRules.Compute(Sample, Rules, maxCases: 0);
            return;
        }
        _draftError = null;
        var rules = Rules.Where(r => Rule is null || r.Id != Rule.Id).Append(draft);
        _preview = PreviewScoreRules.Compute(Sample, rules, maxCases: 20);
    }

    private async Task SaveAsync()
    {
        _debounce?.Cancel();
        _errors.Clear();
        _saving = true;
        try
        {
            await using var db = DbFactory.CreateDbContext();
            await new SaveScoreRangeRules(db).SaveAsync(BrandId, Draft());
            Snackbar.Add(L["Saved"], Severity.Success);
            Dialog.Close(DialogResult.Ok(true));
        }
        catch (DomainException ex) { _errors.Add(ex); _draftError = ex.Message; }
        finally { _saving = false; }
    }

    public void Dispose()
    {
        _debounce?.Cancel();
        _debounce?.Dispose();
        GC.SuppressFinalize(this);
    }
}
