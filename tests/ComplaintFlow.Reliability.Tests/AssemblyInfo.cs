// Each fault run starts its own storage, providers and app process and measures time: one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
