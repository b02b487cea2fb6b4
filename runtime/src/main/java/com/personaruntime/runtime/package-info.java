package com.personaruntime.runtime;
