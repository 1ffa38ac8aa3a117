import datetime

from hizdamnut.centers.tests.module_data import built_once_per_module
from hizdamnut.demo.core import seed

# Three demo centers as of 1 November 2026, built once for each module that asks for it (the page/API/Excel
# agreement and the caseload by center read the same demo).
three_center_demo = built_once_per_module(
    lambda: seed(centers=3, participants=90, random_seed=7, today=datetime.date(2026, 11, 1)))
