using Joules.Core.Plugins;
using Joules.Core.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Joules.TestPlugins.Notes;

/// <summary>The plugin's own service: injected into its page, endpoint, job and event handler.</summary>
public sealed class NoteService(IDbContextFactory<NotesDb> factory, ICurrentUser user, IPluginContext plugin)
{
    public bool CanWrite => plugin.AllowsChanges;

    public async Task AddAsync(string text, string source)
    {
        await using var db = await factory.CreateDbContextAsync();
        db.Notes.Add(new Note { Text = text, Source = $"{source}:{user.UserName}" });
        await db.SaveChangesAsync();
    }

    public async Task<List<Note>> LatestAsync(int take = 20)
    {
        await using var db = await factory.CreateDbContextAsync();
        return await db.Notes.OrderByDescending(n => n.CreatedAt).Take(take).ToListAsync();
    }

    public async Task<int> CountAsync(string? source = null)
    {
        await using var db = await factory.CreateDbContextAsync();
        return await db.Notes.CountAsync(n => source == null || n.Source.StartsWith(source));
    }
}
