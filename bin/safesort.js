#!/usr/bin/env node
import "../dist/bundle/safesort.js";
