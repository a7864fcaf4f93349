"""What researchers look at beside the saved questions.

- :mod:`graph.analysis.metrics`: centrality, communities and the timeline (``unionkg analyse``);
- :mod:`graph.analysis.network`: the graph as GraphML and node-link JSON for Gephi and networkx;
- :mod:`graph.analysis.chart`: the timeline chart (``unionkg analyse --timeline``);
- :mod:`graph.analysis.view`: the one-file HTML view (``unionkg view``).
"""
