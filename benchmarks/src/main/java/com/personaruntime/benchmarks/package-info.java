package com.personaruntime.benchmarks;
