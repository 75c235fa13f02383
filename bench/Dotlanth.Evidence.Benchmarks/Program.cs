using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Dotlanth.Evidence.Benchmarks.RedactionThroughput).Assembly).Run(args);
