package com.personaruntime.gateway;
