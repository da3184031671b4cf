using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.Loader;

namespace Joules.Host.Plugins.Runtime;

/// <summary>The plugins the host knows right now. Readers get immutable snapshots; every change raises
/// <see cref="Changed"/> so the router, the navigation and the admin pages refresh live.</summary>
internal sealed class PluginRegistry
{
    private readonly Lock _gate = new();
    private readonly ConcurrentDictionary<AssemblyLoadContext, PluginInstance> _byContext = new();
    private IReadOnlyDictionary<string, PluginInstance> _current = new Dictionary<string, PluginInstance>();
    private Assembly[] _routable = [];

    /// <summary>Raised after every change, on the thread that made it.</summary>
    public event Action? Changed;

    /// <summary>The current instance of every known plugin (loaded, disabled or faulted).</summary>
    public IReadOnlyCollection<PluginInstance> All => _current.Values.ToList();

    /// <summary>A new array whenever the set of routable plugin assemblies changes (the Router needs a new reference).</summary>
    public Assembly[] RoutableAssemblies => _routable;

    public PluginInstance? Find(string id) => _current.GetValueOrDefault(id);

    /// <summary>Adds or replaces the instance of a plugin id.</summary>
    public void Set(PluginInstance instance)
    {
        lock (_gate)
        {
            _current = new Dictionary<string, PluginInstance>(_current) { [instance.Id] = instance };
            if (instance.Assembly is not null && AssemblyLoadContext.GetLoadContext(instance.Assembly) is { } context)
                _byContext[context] = instance;
            Refresh();
        }
        Changed?.Invoke();
    }

    public void Remove(string id)
    {
        lock (_gate)
        {
            var copy = new Dictionary<string, PluginInstance>(_current);
            if (!copy.Remove(id)) return;
            _current = copy;
            Refresh();
        }
        Changed?.Invoke();
    }

    /// <summary>Re-computes routes and tells listeners after a state change of an instance (licence, enable, fault).</summary>
    public void NotifyChanged()
    {
        lock (_gate) Refresh();
        Changed?.Invoke();
    }

    private void Refresh()
    {
        var routable = _current.Values.Where(p => p.ShowsPages || (p.IsLoaded && p.Enabled)).Select(p => p.Assembly!).OrderBy(a => a.FullName).ToArray();
        if (!routable.SequenceEqual(_routable)) _routable = routable;
    }

    /// <summary>The plugin whose load context defined <paramref name="type"/> (or one of its generic arguments).</summary>
    public PluginInstance? OwnerOf(Type type)
    {
        if (_byContext.IsEmpty) return null;
        if (type.HasElementType) return OwnerOf(type.GetElementType()!);
        if (OwnerOf(type.Assembly) is { } owner) return owner;
        if (!type.IsGenericType) return null;
        foreach (var argument in type.GetGenericArguments())
            if (OwnerOf(argument) is { } found) return found;
        return null;
    }

    public PluginInstance? OwnerOf(Assembly assembly)
    {
        var context = AssemblyLoadContext.GetLoadContext(assembly);
        if (context is null || context == AssemblyLoadContext.Default) return null;
        return _byContext.TryGetValue(context, out var instance) ? instance : null;
    }
}
