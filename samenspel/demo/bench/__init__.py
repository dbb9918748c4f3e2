"""`make bench` (bin/bench): the generated data, the page and throughput measurements, and the
floor page's own settings and URLs. Run the helpers as `python -m samenspel.demo.bench <command>`."""
